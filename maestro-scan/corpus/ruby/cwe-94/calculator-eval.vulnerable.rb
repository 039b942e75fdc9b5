require "sinatra"

OPERATIONS = {
  "add" => ->(a, b) { a + b },
  "sub" => ->(a, b) { a - b },
  "mul" => ->(a, b) { a * b },
}.freeze

get "/calc" do
  a = params["a"]
  b = params["b"]
  result = eval("#{a} #{params['op']} #{b}")
  "result: #{result}"
end
