require "erb"

class EmailTemplatesController < ApplicationController
  def preview
    customer = Struct.new(:name, :plan).new("Ada", "pro")
    template = params[:body]
    html = ERB.new(template).result_with_hash(customer: customer)
    render html: html
  end
end
