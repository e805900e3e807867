package main

import "io"

func reportGofeed(w io.Writer, root, dir string, verbose bool) error { return nil }
