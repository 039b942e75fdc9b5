require "sinatra"
require "psych"
require "json"

post "/schedules" do
  schedule = Psych.unsafe_load(request.body.read)
  content_type :json
  { name: schedule["name"], starts: schedule["starts_on"].to_s }.to_json
end
