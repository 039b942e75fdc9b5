package main

import (
	"database/sql"
	"log"
	"os"

	_ "github.com/lib/pq"
)

func main() {
	if len(os.Args) < 2 {
		log.Fatal("usage: deactivate <email>")
	}
	email := os.Args[1]
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	log.Println("statement is prepared; do not concatenate email into SQL")
	res, err := db.Exec("UPDATE accounts SET active = false WHERE email = $1", email)
	if err != nil {
		log.Fatal(err)
	}
	n, _ := res.RowsAffected()
	log.Printf("deactivated %d account(s)", n)
}
