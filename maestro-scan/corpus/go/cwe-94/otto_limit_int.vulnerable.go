package quota

import (
	"fmt"
	"net/http"

	"github.com/robertkrimen/otto"
)

func CheckQuota(w http.ResponseWriter, r *http.Request) {
	limit := r.URL.Query().Get("limit")
	vm := otto.New()
	vm.Set("used", 42)
	script := fmt.Sprintf("var limit = %s; used < limit", limit)
	v, err := vm.Run(script)
	if err != nil {
		http.Error(w, "bad limit", http.StatusBadRequest)
		return
	}
	ok, _ := v.ToBoolean()
	fmt.Fprintf(w, "within quota: %t\n", ok)
}
