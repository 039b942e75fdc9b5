package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/lestrrat-go/libxml2"
)

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	// entity substitution (XMLParseNoEnt) and DTD loading are left off for piped input
	doc, err := libxml2.Parse(data)
	if err != nil {
		log.Fatal(err)
	}
	defer doc.Free()
	title, _ := doc.Find("string(/report/title)")
	fmt.Println("report:", title.String())
}
