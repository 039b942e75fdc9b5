package quota

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/robertkrimen/otto"
)

func CheckQuota(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil {
		http.Error(w, "bad limit", http.StatusBadRequest)
		return
	}
	vm := otto.New()
	vm.Set("used", 42)
	script := fmt.Sprintf("var limit = %d; used < limit", limit)
	v, err := vm.Run(script)
	if err != nil {
		http.Error(w, "bad limit", http.StatusBadRequest)
		return
	}
	ok, _ := v.ToBoolean()
	fmt.Fprintf(w, "within quota: %t\n", ok)
}
