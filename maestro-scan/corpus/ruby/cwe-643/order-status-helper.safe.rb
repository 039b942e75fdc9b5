require "nokogiri"

class OrderFeed
  def initialize(xml)
    @doc = Nokogiri::XML(xml)
  end

  def status_for(order_id)
    node = @doc.xpath("//order").find { |o| o["id"] == order_id.to_s }
    node&.at_xpath("status")&.text
  end
end

class OrdersController < ApplicationController
  def status
    render plain: OrderFeed.new(File.read("/srv/feed.xml")).status_for(params[:order_id]).to_s
  end
end
