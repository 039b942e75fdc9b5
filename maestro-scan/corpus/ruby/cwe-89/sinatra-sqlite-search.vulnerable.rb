require "sinatra"
require "sqlite3"
require "json"

DB = SQLite3::Database.new("library.db")

get "/books" do
  title = params["title"]
  rows = DB.execute("SELECT id, title, author FROM books WHERE title LIKE '%#{title}%'")
  content_type :json
  rows.map { |id, t, author| { id: id, title: t, author: author } }.to_json
end
