require "nokogiri"

class SitemapsController < ApplicationController
  def import
    file = params.require(:sitemap)
    opts = Nokogiri::XML::ParseOptions::DTDLOAD | Nokogiri::XML::ParseOptions::NOENT
    doc = Nokogiri::XML::Document.parse(file.read, nil, "UTF-8", opts)
    urls = doc.css("url > loc").map(&:text)
    render json: { imported: urls.size }
  end
end
