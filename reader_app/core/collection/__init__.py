"""What is in the library: the shipped seeds and imported copies (the manifest), importing, the watched folder."""
