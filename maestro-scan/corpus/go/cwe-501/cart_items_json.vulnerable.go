package cart

import (
	"encoding/json"
	"net/http"

	"github.com/gorilla/sessions"
)

type lineItem struct {
	ProductID string `json:"product_id"`
	Quantity  string `json:"quantity"`
}

func Add(store *sessions.CookieStore) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var item lineItem
		if err := json.NewDecoder(r.Body).Decode(&item); err != nil {
			http.Error(w, "bad item", http.StatusBadRequest)
			return
		}
		sess, _ := store.Get(r, "cart")
		sess.Values["item:"+item.ProductID] = item.Quantity
		sess.Save(r, w)
		w.WriteHeader(http.StatusCreated)
	}
}
