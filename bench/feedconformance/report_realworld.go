package main

import "io"

func reportRealWorld(w io.Writer, dir string, verbose bool) error { return nil }
