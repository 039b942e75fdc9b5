package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	name := os.Getenv("LOG_FILE")
	f, err := os.Open(filepath.Join("/var/log/app", name))
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot open log:", err)
		os.Exit(1)
	}
	defer f.Close()
	io.Copy(os.Stdout, f)
}
