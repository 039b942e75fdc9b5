require "rexml/document"

class AccountsController < ApplicationController
  USERS = REXML::Document.new(File.read(Rails.root.join("config", "users.xml")))

  def show
    name = params[:name]
    node = REXML::XPath.first(USERS, "//user[name='#{name}']")
    return head(:not_found) unless node
    render json: { role: node.elements["role"].text }
  end
end
