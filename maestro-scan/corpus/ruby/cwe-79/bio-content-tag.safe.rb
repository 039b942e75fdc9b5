class BiosController < ApplicationController
  def preview
    bio = JSON.parse(request.body.read)["bio"]
    render html: helpers.content_tag(:div, helpers.sanitize(bio, tags: %w[b i em strong p]), class: "bio")
  end
end
