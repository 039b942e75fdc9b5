package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		host := sc.Text()
		out, err := exec.Command("/bin/bash", "-c", "dig +short "+host).Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: lookup failed\n", host)
			continue
		}
		fmt.Printf("%s -> %s", host, out)
	}
}
