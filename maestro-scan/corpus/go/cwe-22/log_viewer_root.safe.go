package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	name := os.Getenv("LOG_FILE")
	root, err := os.OpenRoot("/var/log/app")
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot open log dir:", err)
		os.Exit(1)
	}
	f, err := root.Open(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot open log:", err)
		os.Exit(1)
	}
	defer f.Close()
	io.Copy(os.Stdout, f)
}
