package main

import (
	"fmt"
	"log"
	"os"

	"github.com/antchfx/xmlquery"
)

func main() {
	invoice := os.Args[1]
	f, err := os.Open("ledger.xml")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := xmlquery.Parse(f)
	if err != nil {
		log.Fatal(err)
	}
	lines, err := xmlquery.QueryAll(doc, "/ledger/invoice[number="+invoice+"]/line")
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range lines {
		fmt.Println(l.SelectAttr("sku"), l.InnerText())
	}
}
