"""Safe intake of bytes: size, encoding and syntax checks before anything reads the document."""
