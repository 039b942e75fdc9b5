package sheets

import (
	"encoding/json"
	"net/http"

	"github.com/robertkrimen/otto"
)

type calcRequest struct {
	Formula string  `json:"formula"`
	X       float64 `json:"x"`
}

var formulas = map[string]string{
	"double": "result = x * 2",
	"square": "result = x * x",
}

func Calculate(w http.ResponseWriter, r *http.Request) {
	var req calcRequest
	json.NewDecoder(r.Body).Decode(&req)
	vm := otto.New()
	vm.Set("x", req.X)
	src, ok := formulas[req.Formula]
	if !ok {
		http.Error(w, "unknown formula", http.StatusBadRequest)
		return
	}
	if _, err := vm.Run(src); err != nil {
		http.Error(w, "bad formula", http.StatusBadRequest)
		return
	}
	res, _ := vm.Get("result")
	json.NewEncoder(w).Encode(map[string]string{"result": res.String()})
}
