require "erb"

class EmailTemplatesController < ApplicationController
  def preview
    customer = Struct.new(:name, :plan).new("Ada", "pro")
    template = File.read(Rails.root.join("app/views/mailers/welcome.html.erb"))
    html = ERB.new(template).result_with_hash(customer: customer, note: params[:body])
    render html: html
  end
end
