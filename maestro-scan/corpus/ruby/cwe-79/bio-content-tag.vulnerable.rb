class BiosController < ApplicationController
  def preview
    bio = JSON.parse(request.body.read)["bio"]
    render html: helpers.content_tag(:div, bio.html_safe, class: "bio")
  end
end
