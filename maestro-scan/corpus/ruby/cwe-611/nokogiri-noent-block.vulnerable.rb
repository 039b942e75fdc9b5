require "nokogiri"

class InvoicesImportController < ApplicationController
  def create
    xml = request.body.read
    doc = Nokogiri::XML(xml) { |config| config.noent }
    doc.xpath("//invoice").each do |node|
      Invoice.create!(number: node["number"], total: node.at_xpath("total").text)
    end
    head :created
  end
end
