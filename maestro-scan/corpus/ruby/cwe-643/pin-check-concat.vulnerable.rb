require "nokogiri"

class KioskAuth
  def initialize(path)
    @doc = Nokogiri::XML(File.read(path))
  end

  def valid?(login, pin)
    query = "//account[login/text()='" + login + "' and pin/text()='" + pin + "']"
    !@doc.xpath(query).empty?
  end
end

class KioskController < ApplicationController
  def unlock
    ok = KioskAuth.new("/etc/kiosk/accounts.xml").valid?(params[:login], params[:pin])
    ok ? head(:ok) : head(:unauthorized)
  end
end
