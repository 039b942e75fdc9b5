package i18n

import (
	"net/http"
	"strings"

	"github.com/alexedwards/scs/v2"
)

var Sessions = scs.New()

func pickLocale(header string) string {
	first := strings.Split(header, ",")[0]
	return strings.TrimSpace(first)
}

func RememberLocale(w http.ResponseWriter, r *http.Request) {
	locale := pickLocale(r.Header.Get("Accept-Language"))
	Sessions.Put(r.Context(), "locale", locale)
	w.WriteHeader(http.StatusNoContent)
}
