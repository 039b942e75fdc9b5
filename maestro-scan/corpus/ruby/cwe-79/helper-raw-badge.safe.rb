module ProfilesHelper
  def badge(label)
    content_tag(:span, label, class: "badge")
  end
end

class ProfilesController < ApplicationController
  include ProfilesHelper
  helper ProfilesHelper

  def preview
    render html: badge(params[:title])
  end
end
