package i18n

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"
)

var Sessions = scs.New()

func pickLocale(header string) string {
	first := strings.TrimSpace(strings.Split(header, ",")[0])
	switch {
	case strings.HasPrefix(first, "de"):
		return "de-DE"
	case strings.HasPrefix(first, "fr"):
		return "fr-FR"
	default:
		return "en-US"
	}
}

func RememberLocale(w http.ResponseWriter, r *http.Request) {
	locale := pickLocale(r.Header.Get("Accept-Language"))
	Sessions.Put(r.Context(), "locale", locale)
	w.WriteHeader(http.StatusNoContent)
}
