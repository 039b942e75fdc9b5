package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/lestrrat-go/libxml2"
	"github.com/lestrrat-go/libxml2/parser"
)

func main() {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	doc, err := libxml2.Parse(data, parser.XMLParseNoEnt|parser.XMLParseDTDAttr|parser.XMLParseDTDLoad)
	if err != nil {
		log.Fatal(err)
	}
	defer doc.Free()
	title, _ := doc.Find("string(/report/title)")
	fmt.Println("report:", title.String())
}
