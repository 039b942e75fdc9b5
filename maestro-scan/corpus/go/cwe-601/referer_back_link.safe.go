package cart

import (
	"net/http"
	"net/url"
	"strings"
)

func AddToCart(w http.ResponseWriter, r *http.Request) {
	back := r.Header.Get("Referer")
	ref, err := url.Parse(back)
	if err != nil {
		back = "/cart"
	} else {
		back = "/" + strings.TrimLeft(ref.EscapedPath(), "/\\")
		if ref.RawQuery != "" {
			back += "?" + ref.RawQuery
		}
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
