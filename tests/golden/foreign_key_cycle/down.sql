-- - foreign key authors_favourite_book_id_fkey on public.authors (favourite_book_id) -> public.books (id)
ALTER TABLE public.authors DROP CONSTRAINT authors_favourite_book_id_fkey;

-- - table public.chapters
-- WARNING: data loss: drops table public.chapters and its rows
DROP TABLE public.chapters;

-- - table public.books
-- WARNING: data loss: drops table public.books and its rows
DROP TABLE public.books;

-- - table public.authors
-- WARNING: data loss: drops table public.authors and its rows
DROP TABLE public.authors;
