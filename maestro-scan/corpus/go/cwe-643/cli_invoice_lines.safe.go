package main

import (
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/antchfx/xmlquery"
)

func main() {
	invoice, err := strconv.Atoi(os.Args[1])
	if err != nil {
		log.Fatal("invoice number must be numeric")
	}
	f, err := os.Open("ledger.xml")
	if err != nil {
		log.Fatal(err)
	}
	doc, err := xmlquery.Parse(f)
	if err != nil {
		log.Fatal(err)
	}
	lines, err := xmlquery.QueryAll(doc, fmt.Sprintf("/ledger/invoice[number=%d]/line", invoice))
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range lines {
		fmt.Println(l.SelectAttr("sku"), l.InnerText())
	}
}
