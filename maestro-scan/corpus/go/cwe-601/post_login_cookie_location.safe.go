package portal

import "net/http"

var destinations = map[string]string{"reports": "/reports", "inbox": "/inbox"}

func Continue(w http.ResponseWriter, r *http.Request) {
	target := "/dashboard"
	if c, err := r.Cookie("post_login"); err == nil {
		if path, ok := destinations[c.Value]; ok {
			target = path
		}
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusFound)
}
