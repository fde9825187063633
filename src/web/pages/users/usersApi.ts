/** Calls of the users API (auth module). */
import { api } from '../../api/client.js';
import type { Items, Role, User } from '../../api/types.js';

export interface UserCreate { email: string; name: string; phone?: string; password: string; locale: 'id' | 'en'; roles: Array<{ role: Role; opdId?: string }> }
export type UserPatch = Partial<{ name: string; phone: string | null; isActive: boolean; locale: 'id' | 'en'; roles: Array<{ role: Role; opdId?: string }>; password: string }>;

export const usersApi = {
  list: (q: { q?: string; role?: string; opdId?: string }) => api.get<Items<User>>('/users', q),
  get: (id: string) => api.get<User>(`/users/${id}`),
  create: (body: UserCreate) => api.post<User>('/users', body),
  update: (id: string, body: UserPatch) => api.patch<User>(`/users/${id}`, body),
};
