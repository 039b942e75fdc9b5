require "rexml/document"

class AccountsController < ApplicationController
  USERS = REXML::Document.new(File.read(Rails.root.join("config", "users.xml")))

  def show
    name = params[:name]
    node = REXML::XPath.first(USERS, "//user[name=$name]", nil, { "name" => name.to_s })
    return head(:not_found) unless node
    render json: { role: node.elements["role"].text }
  end
end
