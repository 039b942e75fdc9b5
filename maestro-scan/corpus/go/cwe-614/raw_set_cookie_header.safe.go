package legacy

import (
	"net/http"
)

func Authenticate(w http.ResponseWriter, r *http.Request) {
	token := r.Context().Value("auth_token").(string)
	w.Header().Add("Set-Cookie", "auth="+token+"; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax")
	w.WriteHeader(http.StatusNoContent)
}
