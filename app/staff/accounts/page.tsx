import { permanentRedirect } from 'next/navigation'

// Staff accounts moved to the administration pages; old bookmarks still land.
export default function StaffAccountsMoved() {
  permanentRedirect('/admin/staff')
}
