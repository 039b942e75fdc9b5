require "nokogiri"

module XmlIntake
  PARSE_OPTIONS = Nokogiri::XML::ParseOptions::DEFAULT_XML | Nokogiri::XML::ParseOptions::NONET

  def self.load(xml)
    Nokogiri::XML(xml, nil, "UTF-8", PARSE_OPTIONS)
  end
end

class WebhooksController < ApplicationController
  skip_forgery_protection

  def receive
    doc = XmlIntake.load(request.raw_post)
    Event.create!(kind: doc.root.name, payload: doc.to_xml)
    head :ok
  end
end
