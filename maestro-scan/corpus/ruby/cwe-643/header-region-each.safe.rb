require "rexml/document"

class PricingController < ApplicationController
  def index
    region = request.headers["X-Region"]
    region = "eu" unless %w[eu us apac].include?(region)
    doc = REXML::Document.new(File.read(Rails.root.join("data/prices.xml")))
    prices = []
    REXML::XPath.each(doc, "//price[@region='#{region}']") { |p| prices << p.text.to_f }
    render json: prices
  end
end
