package cart

import (
	"encoding/json"
	"net/http"
	"strconv"

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
		pid, err1 := strconv.Atoi(item.ProductID)
		qty, err2 := strconv.Atoi(item.Quantity)
		if err1 != nil || err2 != nil || qty < 1 || qty > 99 {
			http.Error(w, "bad item", http.StatusBadRequest)
			return
		}
		sess, _ := store.Get(r, "cart")
		sess.Values["item:"+strconv.Itoa(pid)] = qty
		sess.Save(r, w)
		w.WriteHeader(http.StatusCreated)
	}
}
