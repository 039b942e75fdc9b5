require "sinatra"
require "nokogiri"

CATALOG = Nokogiri::XML(File.read("catalog.xml"))

get "/books/:isbn" do
  isbn = params["isbn"]
  book = CATALOG.at_xpath("//book[@isbn='#{isbn}']")
  halt 404 unless book
  book.at_xpath("title").text
end
