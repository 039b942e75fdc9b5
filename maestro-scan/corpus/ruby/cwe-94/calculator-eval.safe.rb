require "sinatra"

OPERATIONS = {
  "add" => ->(a, b) { a + b },
  "sub" => ->(a, b) { a - b },
  "mul" => ->(a, b) { a * b },
}.freeze

get "/calc" do
  a = params["a"]
  b = params["b"]
  result = OPERATIONS.fetch(params["op"]).call(Float(a), Float(b))
  "result: #{result}"
end
