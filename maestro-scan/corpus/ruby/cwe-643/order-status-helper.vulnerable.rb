require "nokogiri"

class OrderFeed
  def initialize(xml)
    @doc = Nokogiri::XML(xml)
  end

  def status_for(order_id)
    node = @doc.at_xpath(order_query(order_id))
    node&.text
  end

  private

  def order_query(order_id)
    "//order[@id='%s']/status" % order_id
  end
end

class OrdersController < ApplicationController
  def status
    render plain: OrderFeed.new(File.read("/srv/feed.xml")).status_for(params[:order_id]).to_s
  end
end
