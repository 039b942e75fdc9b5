package inventory

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"

	"github.com/antchfx/xmlquery"
)

var skuPattern = regexp.MustCompile(`^[A-Z0-9-]{4,20}$`)

func stockExpr(sku string) (string, error) {
	if sku == "" {
		return "", errors.New("sku required")
	}
	return fmt.Sprintf("//product[sku='%s']/stock", sku), nil
}

func Stock(doc *xmlquery.Node) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			SKU string `json:"sku"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		expr, err := stockExpr(body.SKU)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		n, err := xmlquery.Query(doc, expr)
		if err != nil || n == nil {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(n.InnerText())
	}
}
