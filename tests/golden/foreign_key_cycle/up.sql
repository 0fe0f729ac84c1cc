-- + table public.authors
CREATE TABLE public.authors (
    id bigint NOT NULL,
    favourite_book_id bigint,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);

-- + table public.books
CREATE TABLE public.books (
    id bigint NOT NULL,
    author_id bigint NOT NULL,
    CONSTRAINT books_pkey PRIMARY KEY (id),
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id)
);

-- + table public.chapters
CREATE TABLE public.chapters (
    id bigint NOT NULL,
    book_id bigint NOT NULL,
    parent_id bigint,
    CONSTRAINT chapters_pkey PRIMARY KEY (id),
    CONSTRAINT chapters_book_id_fkey FOREIGN KEY (book_id) REFERENCES public.books(id) ON DELETE CASCADE,
    CONSTRAINT chapters_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.chapters(id)
);

-- + foreign key authors_favourite_book_id_fkey on public.authors (favourite_book_id) -> public.books (id)
ALTER TABLE public.authors ADD CONSTRAINT authors_favourite_book_id_fkey FOREIGN KEY (favourite_book_id) REFERENCES public.books(id);
