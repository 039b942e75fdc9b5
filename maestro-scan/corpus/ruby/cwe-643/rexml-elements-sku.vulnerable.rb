require "rexml/document"

class StockController < ApplicationController
  def level
    doc = REXML::Document.new(File.read("/srv/feeds/stock.xml"))
    sku = params[:sku]
    item = doc.elements["//item[@sku='#{sku}']"]
    render json: { sku: sku, quantity: item ? item.attributes["qty"].to_i : 0 }
  end
end
