require "nokogiri"

class MenuController < ApplicationController
  def items
    category = JSON.parse(request.raw_post)["category"]
    menu = Nokogiri::XML(File.read(Rails.root.join("config/menu.xml")))
    names = menu.search("//dish[category=\"#{category}\"]/name").map(&:text)
    render json: names
  end
end
