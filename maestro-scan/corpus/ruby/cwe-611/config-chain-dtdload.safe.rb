require "nokogiri"

class OpmlImportsController < ApplicationController
  def create
    xml = params.require(:opml).read
    doc = Nokogiri::XML(xml) do |config|
      config.nonet.noblanks
    end
    feeds = doc.xpath("//outline[@xmlUrl]").map { |o| o["xmlUrl"] }
    current_user.subscriptions.import(feeds)
    redirect_to subscriptions_path
  end
end
