package cart

import (
	"net/http"
	"net/url"
)

func AddToCart(w http.ResponseWriter, r *http.Request) {
	back := r.Header.Get("Referer")
	ref, err := url.Parse(back)
	if err != nil {
		back = "/cart"
	} else {
		back = ref.String()
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
