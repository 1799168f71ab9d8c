// Every test runs the CLI without its per-user download cache (tests count the index's requests, and
// write nothing to the user's ~/.cache); the cache's own tests give a folder of their own.
process.env.SDIST_DIFF_NO_CACHE = '1'
