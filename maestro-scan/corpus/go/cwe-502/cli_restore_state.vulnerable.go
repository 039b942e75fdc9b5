package main

import (
	"encoding/gob"
	"fmt"
	"log"
	"os"
)

type Checkpoint struct {
	Step    int
	Pending []interface{}
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var cp Checkpoint
	if err := gob.NewDecoder(f).Decode(&cp); err != nil {
		log.Fatalf("cannot restore %s: %v", os.Args[1], err)
	}
	fmt.Printf("resuming at step %d with %d pending items\n", cp.Step, len(cp.Pending))
}
