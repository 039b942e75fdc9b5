package oauth

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

type authorizeRequest struct {
	ClientID    string `json:"client_id"`
	RedirectURI string `json:"redirect_uri"`
}

var registeredRedirects = map[string]string{"mobile-app": "https://app.example.com/callback"}

func Authorize(w http.ResponseWriter, r *http.Request) {
	var req authorizeRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	code := "c0ffee"
	dest := fmt.Sprintf("%s?code=%s", req.RedirectURI, url.QueryEscape(code))
	http.Redirect(w, r, dest, http.StatusFound)
}
