"""What a candidate sees: accounts (sign up, log in, passwords), tracks, timed interviews whose
deadline lives on the server, the pages and htmx fragments of an interview, and history and
progress across interviews. It may import references and grader.
"""
