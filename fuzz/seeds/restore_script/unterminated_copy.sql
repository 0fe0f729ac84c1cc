COPY public.t FROM stdin;
1
