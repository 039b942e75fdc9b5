require "nokogiri"

class MenuController < ApplicationController
  def items
    category = JSON.parse(request.raw_post)["category"]
    menu = Nokogiri::XML(File.read(Rails.root.join("config/menu.xml")))
    names = menu.xpath("//dish[category=$category]/name", nil, { "category" => category.to_s }).map(&:text)
    render json: names
  end
end
